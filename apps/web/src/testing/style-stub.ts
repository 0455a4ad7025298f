// Style sheets have no meaning in jsdom; components that import one get this empty module instead.
export default {};
